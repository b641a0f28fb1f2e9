const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons live in icons/ (shared by both nodes and the credential) and may also sit next to a node.
function copyRootIcons() {
	return src(path.resolve('icons', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}
function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}
function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

task('build:icons', parallel(copyRootIcons, copyNodeIcons, copyCredentialIcons));
